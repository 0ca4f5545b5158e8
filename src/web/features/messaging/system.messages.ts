// The chat's system lines in en, zh and fr: the words live in src/shared/system-lines.ts (the
// server writes the English text from them); listed here so the catalogue test checks them.
import { SYSTEM_WORDS } from '../../../shared/system-lines.ts';

export const systemMessages = SYSTEM_WORDS;
