import type { Generated } from 'kysely';
import type { DocumentsFormsTables } from '../documents/tables.ts';

/**
 * Table shapes as stored. Times are UTC instants in ISO 8601 text and dates are
 * Europe/Helsinki calendar dates "YYYY-MM-DD", the same on SQLite and PostgreSQL
 * (text compares the same way on both). Booleans are integers 0/1 for the same reason;
 * structured values (opening hours, classifications) are JSON text parsed by zod on read.
 */
export interface ServicePointTable {
  id: string;
  slug: string;
  name_fi: string;
  name_sv: string;
  municipality: string;
  created_at: string;
  street_address: Generated<string>;
  postal_code: Generated<string>;
  post_office: Generated<string>;
  contact_phone: Generated<string>;
  contact_email: Generated<string>;
  responsible_person: Generated<string>;
  opening_hours: Generated<string>;
  equipment: Generated<string>;
  status: Generated<string>;
  kiosk_token: Generated<string>;
  updated_at: Generated<string>;
}

export interface ProviderTable {
  id: string;
  code: string;
  name_fi: string;
  name_sv: string;
  name_en: string;
  contact_email: string;
  created_at: string;
  updated_at: string;
}

export interface ServiceTable {
  id: string;
  provider_id: string;
  code: string;
  name_fi: string;
  name_sv: string;
  name_en: string;
  classifications: string;
  created_at: string;
  updated_at: string;
}

export interface ServiceCardTable {
  service_id: string;
  kind: string;
  text_body: string | null;
  /** PDFs are kept as base64 text: one portable column type on both databases. */
  pdf_base64: string | null;
  file_name: string | null;
  size: number;
  updated_at: string;
  updated_by: string | null;
}

export interface AgreementTable {
  id: string;
  point_id: string;
  provider_id: string;
  valid_from: string;
  valid_to: string | null;
  created_at: string;
  updated_at: string;
}

export interface AgreementServiceTable {
  agreement_id: string;
  service_id: string;
}

export interface StaffAccountTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  oidc_subject: string | null;
  disabled: number;
  failed_sign_ins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface StaffRoleTable {
  account_id: string;
  kind: string;
  /** The provider or point the role is for; '' for platform admins (NULLs would not be unique). */
  scope_id: string;
}

export interface StaffSessionTable {
  /** SHA-256 of the cookie's token: a copy of the database does not give away sessions. */
  token_hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string;
  details: string;
}

export interface ChecklistStepTable {
  point_id: string;
  step: string;
  done_at: string;
  done_by: string | null;
  details: string;
}

export interface ServiceSessionTable {
  id: string;
  point_id: string;
  admitted_by_name: string;
  admitted_by_account_id: string | null;
  started_at: string;
  ended_at: string | null;
}

export interface ChatMessageTable {
  id: string;
  session_id: string;
  seq: number;
  sender_peer_id: string;
  sender_name: string;
  sender_role: string;
  text: string;
  sent_at: string;
}

export interface SurveyInvitationTable {
  token_hash: string;
  session_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SurveyAnswerTable {
  id: string;
  session_id: string;
  respondent: string;
  service_rating: number | null;
  connection_rating: number;
  comment: string | null;
  answered_at: string;
}

export interface Database extends DocumentsFormsTables {
  service_point: ServicePointTable;
  provider: ProviderTable;
  service: ServiceTable;
  service_card: ServiceCardTable;
  agreement: AgreementTable;
  agreement_service: AgreementServiceTable;
  staff_account: StaffAccountTable;
  staff_role: StaffRoleTable;
  staff_session: StaffSessionTable;
  audit_log: AuditLogTable;
  checklist_step: ChecklistStepTable;
  service_session: ServiceSessionTable;
  chat_message: ChatMessageTable;
  survey_invitation: SurveyInvitationTable;
  survey_answer: SurveyAnswerTable;
}

export type { Generated };
