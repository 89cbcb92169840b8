import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

const styles = {
  body: { backgroundColor: '#f6f6f4', fontFamily: '-apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif', margin: 0, padding: '24px 0' },
  container: { backgroundColor: '#ffffff', borderRadius: '8px', margin: '0 auto', maxWidth: '600px', padding: '24px' },
  brand: { color: '#1d1d1f', fontSize: '20px', fontWeight: 700, margin: '0 0 16px' },
  footer: { color: '#5f6368', fontSize: '12px', lineHeight: '18px' },
};

/** Shared frame of every Paperboy email. React escapes every text child. */
export function EmailLayout({ preview, children, footer }: { preview: string; children: ReactNode; footer: ReactNode }) {
  return (
    <Html lang="en">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Paperboy</Text>
          {children}
          <Hr />
          <Section>
            <Text style={styles.footer}>{footer}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
