import express, { type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { KanavaError, SurveyAnswerSchema } from '@kanava/shared';
import { parse } from '../http/routes/support.ts';
import type { SurveyRepository } from './SurveyRepository.ts';

/** The kiosk's survey answer: no sign-in; the one-time token from the end of the service is the proof. */
export function surveyRoutes(surveys: SurveyRepository): Router {
  const r = express.Router();
  r.use(express.json({ limit: '8kb' }));
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: 30,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new KanavaError('rateLimited', 'too many answers from this address; wait a minute')),
  });
  r.post('/survey', limiter, async (req, res) => {
    const answer = parse(SurveyAnswerSchema, req.body);
    const outcome = await surveys.answer(answer, new Date());
    if (outcome === 'unknownOrUsed') throw new KanavaError('notFound', 'this survey has already been answered or has expired');
    res.status(204).end();
  });
  return r;
}
