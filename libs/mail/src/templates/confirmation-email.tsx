import { Button, Link, Text } from '@react-email/components';
import { EmailLayout } from './email-layout.js';

export interface ConfirmationEmailProps {
  confirmUrl: string;
  topicNames: string[];
  keywords: string[];
  expiresInHours: number;
}

const text = { color: '#1d1d1f', fontSize: '15px', lineHeight: '22px' };
const button = { backgroundColor: '#0b57d0', borderRadius: '6px', color: '#ffffff', fontSize: '15px', fontWeight: 600, padding: '12px 20px', textDecoration: 'none' };

export function ConfirmationEmail({ confirmUrl, topicNames, keywords, expiresInHours }: ConfirmationEmailProps) {
  const interests = [...topicNames, ...keywords.map((k) => `“${k}”`)];
  return (
    <EmailLayout
      preview="Confirm your Paperboy subscription"
      footer="You get this email because someone asked Paperboy to send trending papers to this address. If it was not you, ignore it: without a click on the button, nothing else is sent."
    >
      <Text style={text}>Please confirm that you want a daily email of trending research papers.</Text>
      {interests.length > 0 ? <Text style={text}>Your interests: {interests.join(', ')}.</Text> : null}
      <Button href={confirmUrl} style={button}>
        Confirm my subscription
      </Button>
      <Text style={text}>
        Or open this link: <Link href={confirmUrl}>{confirmUrl}</Link>
      </Text>
      <Text style={text}>The link works for {expiresInHours} hours.</Text>
    </EmailLayout>
  );
}
