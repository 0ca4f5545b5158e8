// Pseudonyms for sensitive forums. The same person keeps the same pseudonym within one
// forum (a conversation stays readable) but gets another in each forum, so posts cannot
// be linked across forums by name. Derived with an HMAC under the server secret: nobody
// without the secret can tell whose pseudonym it is, and it never contains the account id.
import { createHmac } from 'node:crypto';

const adjectives = ['Calm', 'Gentle', 'Brave', 'Quiet', 'Bright', 'Kind', 'Patient', 'Steady', 'Hopeful', 'Warm', 'Clear', 'Soft', 'Bold', 'Wise', 'Swift', 'Still'];
const nouns = ['Willow', 'Lotus', 'Maple', 'Cedar', 'Heron', 'River', 'Pine', 'Orchid', 'Lark', 'Bamboo', 'Harbor', 'Meadow', 'Crane', 'Fern', 'Birch', 'Plum'];

export function pseudonymFor(secret: string, userId: string, forumId: string): string {
  const digest = createHmac('sha256', secret).update(`community-pseudonym:${forumId}:${userId}`).digest();
  return `${adjectives[digest[0]! % adjectives.length]} ${nouns[digest[1]! % nouns.length]} ${10 + (digest.readUInt16BE(2) % 90)}`;
}
