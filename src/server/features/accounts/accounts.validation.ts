// Pure checks of what a person types when registering. Each returns a message for the
// field, or null when the value is fine.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

// Deliberately permissive (RFC 5322 allows far more than anyone types), but one @, a dot
// in the domain, no spaces, and within SMTP's length limits.
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function checkEmail(value: string): string | null {
  return EMAIL.test(value) ? null : 'must be an email address like name@example.com';
}

/** E.164 with the separators people type (spaces, dashes, dots, brackets) removed. */
export function normalisePhone(value: string): string {
  return value.trim().replace(/[\s\-.()]/g, '');
}

export function checkPhone(value: string): string | null {
  if (!/^\+[1-9]\d{6,14}$/.test(value)) return 'must be a mobile number in international form, like +8613800138000';
  const parsed = parsePhoneNumberFromString(value);
  if (!parsed || !parsed.isPossible()) return 'is not a possible phone number for its country code';
  return null;
}

// The passwords most often tried first by anyone guessing (from public breach corpora).
const COMMON_PASSWORDS = new Set([
  'password', 'password1', '12345678', '123456789', '1234567890', '11111111', '00000000', '87654321',
  'qwertyui', 'qwertyuiop', 'qwerty123', 'iloveyou', 'abc12345', 'abcd1234', 'baseball', 'football',
  'sunshine', 'princess', 'superman', 'welcome1', 'letmein1', 'trustno1', 'passw0rd', 'asdfghjk',
  'zxcvbnm1', '1q2w3e4r', '1qaz2wsx', 'aa123456', '88888888', '66666666', '5201314520', 'woaini1314',
]);

export const PASSWORD_MIN_LENGTH = 8;

export function checkPassword(password: string, personal: Array<string | undefined>): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > 200) return 'must be at most 200 characters';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'is one of the most common passwords; choose another';
  if (/^(.)\1+$/.test(password)) return 'must not be one character repeated';
  for (const value of personal) {
    if (value && value.length >= 4 && lower === value.toLowerCase()) return 'must not be your name, email or phone number';
  }
  return null;
}

export function normaliseDisplayName(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function checkDisplayName(value: string): string | null {
  if (value.length === 0) return 'is required';
  if ([...value].length > 60) return 'must be at most 60 characters';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f<>]/.test(value)) return 'must not contain control characters or angle brackets';
  return null;
}
