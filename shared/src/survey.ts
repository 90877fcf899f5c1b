import { z } from 'zod';

/** A 1–5 answer: 1 very poor … 5 very good, shown as five faces. */
export const RatingSchema = z.number().int().min(1).max(5);

/** The customer's answer at the kiosk after the service; anonymous, linked only to the service session. */
export const SurveyAnswerSchema = z
  .object({
    token: z.string().min(20).max(200),
    serviceRating: RatingSchema,
    connectionRating: RatingSchema,
    comment: z
      .string()
      .trim()
      .max(500)
      .refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s), 'no control characters')
      .optional(),
  })
  .strict();
export type SurveyAnswer = z.infer<typeof SurveyAnswerSchema>;
