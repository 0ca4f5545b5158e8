// Email through SMTP (Nodemailer). Without LOTUS_SMTP_URL nothing is sent: deliveries are
// held in the outbox the admin console shows, which says so.
import nodemailer, { type Transporter } from 'nodemailer';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per delivery, so a resend after a crash is folded by mail clients. */
  messageId: string;
  unsubscribeUrl: string;
}

export interface EmailSender {
  /** False: nothing is configured, nothing will be sent. */
  readonly configured: boolean;
  send(message: EmailMessage): Promise<void>;
  close(): void;
}

export class SmtpEmailSender implements EmailSender {
  readonly configured = true;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl, { pool: true, maxConnections: 8, maxMessages: 1000 } as never);
  }

  async send(message: EmailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      headers: {
        // RFC 8058 one-click: the mail client POSTs List-Unsubscribe=One-Click to the URL.
        'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'Auto-Submitted': 'auto-generated',
      },
    });
  }

  close(): void {
    this.transport.close();
  }
}

export class HeldEmailSender implements EmailSender {
  readonly configured = false;
  async send(): Promise<void> {
    throw new Error('email is not configured');
  }
  close(): void {}
}
