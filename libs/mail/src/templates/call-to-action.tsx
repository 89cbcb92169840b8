import { Button, Link, Text } from '@react-email/components';

/** The body text style of Paperboy's short emails. */
export const bodyText = { color: '#1d1d1f', fontSize: '15px', lineHeight: '22px' };
const button = { backgroundColor: '#0b57d0', borderRadius: '6px', color: '#ffffff', fontSize: '15px', fontWeight: 600, padding: '12px 20px', textDecoration: 'none' };

/** A button, and the same link written out for mail clients that hide buttons. */
export function CallToAction({ href, label }: { href: string; label: string }) {
  return (
    <>
      <Button href={href} style={button}>
        {label}
      </Button>
      <Text style={bodyText}>
        Or open this link: <Link href={href}>{href}</Link>
      </Text>
    </>
  );
}
