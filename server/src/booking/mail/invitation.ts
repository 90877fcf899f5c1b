import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface InvitationFacts {
  /** Stable for the life of the booking, across reschedules. */
  uid: string;
  /** Higher at every change, so calendars take the newest version. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  /** The point's staff room link (/p/<slug>), never the kiosk link. */
  roomUrl: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  stamp: Date;
}

/**
 * The iCalendar (RFC 5545, iTIP RFC 5546) object of one booking: METHOD:REQUEST to book or
 * move it, METHOD:CANCEL to cancel it. Times are written in UTC ("…Z"), which every
 * calendar shows in its own time zone, so no VTIMEZONE is needed and DST cannot be wrong.
 */
export function invitationIcs(f: InvitationFacts): string {
  const calendar = ical({
    prodId: { company: 'Kanava', product: 'booking', language: 'FI' },
    method: f.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: f.uid,
    sequence: f.sequence,
    stamp: f.stamp,
    start: f.startsAt,
    end: f.endsAt,
    summary: f.summary,
    description: f.description,
    location: f.roomUrl,
    url: f.roomUrl,
    status: f.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: f.organizer,
    attendees: [{ name: f.attendee.name, email: f.attendee.email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION, rsvp: false }],
  });
  return calendar.toString();
}
