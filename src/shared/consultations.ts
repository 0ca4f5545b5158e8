// The consultation as the API returns it: the server builds it, the web faces read it.
export type ConsultationStatus = 'awaiting_payment' | 'waiting' | 'active' | 'closed' | 'expired' | 'cancelled';

export interface ConsultationView {
  id: string;
  status: ConsultationStatus;
  department: string;
  departmentName: string;
  patient: { id: string; displayName: string };
  doctor: { id: string; displayName: string; title: string | null } | null;
  requestedDoctorId: string | null;
  description: string;
  age: number | null;
  sex: string | null;
  duration: string | null;
  redFlags: string[];
  country: string;
  patientState: string | null;
  language: string;
  /** The red flags as sentences in the reader's language. */
  redFlagNotes: string[];
  /** Emergency numbers of the patient's country, the first one first. */
  emergencyNumbers: string[];
  price: number;
  amountDue: number;
  currency: string;
  free: boolean;
  conversationId: string;
  createdAt: string;
  queuedAt: string | null;
  replyDeadline: string | null;
  acceptedAt: string | null;
  firstReplyAt: string | null;
  closedAt: string | null;
  expiredAt: string | null;
  cancelledAt: string | null;
  summary: string | null;
  advice: string | null;
  rating: { stars: number; comment: string | null; ratedAt: string } | null;
  refundNote: string | null;
}
