import { Text } from '@react-email/components';
import { bodyText as text, CallToAction } from './call-to-action.js';
import { EmailLayout } from './email-layout.js';

export interface ConfirmationEmailProps {
  confirmUrl: string;
  /** Names from the topic catalog (operator-written text). */
  topicNames: string[];
  /** How many keywords the request typed: counted, never quoted (see interestsSummary). */
  keywordCount: number;
  expiresInHours: number;
}

const keywordsPhrase = (count: number) => `${count} keyword${count === 1 ? '' : 's'} of your own`;

/**
 * The interests a confirmation email names. Anyone can ask for a
 * confirmation to any address, so the email carries no text the requester
 * typed: topics by their catalog name, keywords only counted (a keyword could
 * be a URL, a phone number or an insult). The confirmation page shows them.
 */
export function interestsSummary(topicNames: readonly string[], keywordCount: number): string | null {
  const parts = [...topicNames, ...(keywordCount > 0 ? [keywordsPhrase(keywordCount)] : [])];
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function ConfirmationEmail({ confirmUrl, topicNames, keywordCount, expiresInHours }: ConfirmationEmailProps) {
  const interests = interestsSummary(topicNames, keywordCount);
  return (
    <EmailLayout
      preview="Confirm your Paperboy subscription"
      footer="You get this email because someone asked Paperboy to send trending papers to this address. If it was not you, ignore it: without a click on the button, nothing else is sent."
    >
      <Text style={text}>Please confirm that you want a daily email of trending research papers.</Text>
      {interests ? <Text style={text}>Requested: {interests}. The confirmation page shows them all, and you can change them before confirming.</Text> : null}
      <CallToAction href={confirmUrl} label="Confirm my subscription" />
      <Text style={text}>The link works once, for {expiresInHours} hours.</Text>
    </EmailLayout>
  );
}

ConfirmationEmail.PreviewProps = {
  confirmUrl: 'https://paperboy.example/confirm/q8ZL0n2mXkR4yT1vWc7aHs3uJd9eFg6bN5pQ',
  topicNames: ['Reinforcement learning from human feedback', 'Reward modeling'],
  keywordCount: 2,
  expiresInHours: 48,
} satisfies ConfirmationEmailProps;
