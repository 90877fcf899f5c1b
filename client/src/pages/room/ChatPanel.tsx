import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_MAX_LENGTH, type ChatMessage, type PeerId } from '@kanava/shared';
import { formatClock } from '../../format.ts';

interface Props {
  messages: ChatMessage[];
  open: boolean;
  selfPeerId: PeerId | undefined;
  onSend: (text: string) => Promise<void>;
}

/** The session's chat: plain text, in order, announced to screen readers, with an unread count when hidden. */
export function ChatPanel({ messages, open, selfPeerId, onSend }: Props) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState(true);
  const [seen, setSeen] = useState(0);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const inputId = useId();
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (shown) setSeen(messages.length);
    listRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [messages.length, shown]);
  const unread = Math.max(0, messages.length - seen);

  const send = async () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    if (trimmed.length > CHAT_MAX_LENGTH) {
      setError(t('chat.tooLong', { max: CHAT_MAX_LENGTH }));
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      await onSend(trimmed);
      setText('');
    } catch {
      // What was typed stays in the box, so nothing is lost.
      setError(t('chat.failed'));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="chat-panel" aria-labelledby="chat-title">
      <div className="chat-header">
        <h2 id="chat-title">{t('chat.title')}</h2>
        <button type="button" aria-expanded={shown} onClick={() => setShown((s) => !s)}>
          {shown ? t('chat.hide') : t('chat.show')}
          {!shown && unread > 0 && <span className="badge">{t('chat.unread', { count: unread })}</span>}
        </button>
      </div>
      {shown && (
        <>
          <div role="log" aria-live="polite" aria-labelledby="chat-title">
          <ol className="chat-messages" ref={listRef}>
            {messages.length === 0 && <li className="muted">{open ? t('chat.empty') : t('chat.closed')}</li>}
            {messages.map((m) => (
              <li key={m.messageId} className={m.senderPeerId === selfPeerId ? 'chat-message own' : 'chat-message'}>
                <span className="chat-meta">
                  {m.senderPeerId === selfPeerId ? t('chat.you') : `${m.senderName} (${t(`role.${m.senderRole}`)})`} · {formatClock(m.sentAt, i18n.language)}
                </span>
                <span className="chat-text">{m.text}</span>
              </li>
            ))}
          </ol>
          </div>
          <form
            className="chat-form"
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            <label htmlFor={inputId}>{t('chat.label')}</label>
            <textarea
              id={inputId}
              value={text}
              rows={2}
              maxLength={CHAT_MAX_LENGTH}
              disabled={!open}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  void send();
                }
              }}
            />
            <button type="submit" className="primary" disabled={!open || sending || text.trim().length === 0}>
              {t('chat.send')}
            </button>
            {error && (
              <p role="alert" className="error">
                {error}
              </p>
            )}
          </form>
        </>
      )}
    </section>
  );
}
