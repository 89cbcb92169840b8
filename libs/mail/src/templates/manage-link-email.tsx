import { Text } from '@react-email/components';
import { bodyText as text, CallToAction } from './call-to-action.js';
import { EmailLayout } from './email-layout.js';

export interface ManageLinkEmailProps {
  manageUrl: string;
}

/** Sent after "sign out every link": the one working link to the subscriber's preferences. */
export function ManageLinkEmail({ manageUrl }: ManageLinkEmailProps) {
  return (
    <EmailLayout
      preview="Your new Paperboy preferences link"
      footer="You get this email because every link to this Paperboy subscription was signed out from its preferences page. Older links no longer work."
    >
      <Text style={text}>Every link Paperboy sent you before is signed out. This is your new link to your preferences (topics, schedule, unsubscribe, erase):</Text>
      <CallToAction href={manageUrl} label="Open my preferences" />
      <Text style={text}>Keep it to yourself: anyone with it can change your subscription.</Text>
    </EmailLayout>
  );
}

ManageLinkEmail.PreviewProps = {
  manageUrl: 'https://paperboy.example/preferences/Xb7Qm2LrT9vKc4WzN8yHd1fGs6pJa3eUo5Ri',
} satisfies ManageLinkEmailProps;
