import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

const styles = {
  body: { backgroundColor: '#f6f6f4', fontFamily: '-apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif', margin: 0, padding: '24px 0' },
  container: { backgroundColor: '#ffffff', borderRadius: '8px', margin: '0 auto', maxWidth: '600px', padding: '24px' },
  brand: { color: '#1d1d1f', fontSize: '20px', fontWeight: 700, margin: '0 0 16px' },
  footer: { color: '#5f6368', fontSize: '12px', lineHeight: '18px' },
};

/** Class hooks for the layout's own elements, so a `headExtra` stylesheet (e.g. dark-mode rules) can reach them. */
export interface EmailLayoutClassNames {
  body?: string;
  container?: string;
  brand?: string;
  footer?: string;
}

export interface EmailLayoutProps {
  preview: string;
  children: ReactNode;
  footer: ReactNode;
  /** Above the brand line, e.g. a "View in browser" link. */
  topBar?: ReactNode;
  /** Extra <head> content such as a <style> block. */
  headExtra?: ReactNode;
  classNames?: EmailLayoutClassNames;
}

/**
 * Shared frame of every Paperboy email. React escapes every text child.
 * The optional props render nothing when absent, so emails that do not use them keep their exact markup.
 */
export function EmailLayout({ preview, children, footer, topBar, headExtra, classNames }: EmailLayoutProps) {
  return (
    <Html lang="en">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        {headExtra}
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body} className={classNames?.body}>
        <Container style={styles.container} className={classNames?.container}>
          {topBar}
          <Text style={styles.brand} className={classNames?.brand}>
            Paperboy
          </Text>
          {children}
          <Hr />
          <Section>
            <Text style={styles.footer} className={classNames?.footer}>
              {footer}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
