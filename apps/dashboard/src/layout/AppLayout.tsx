import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { CrosslaneAppBar } from './AppBar';
import { AppMenu } from './AppMenu';

export function AppLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={CrosslaneAppBar} menu={AppMenu}>
      {children}
    </Layout>
  );
}
