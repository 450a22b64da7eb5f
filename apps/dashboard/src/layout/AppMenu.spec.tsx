import type { Role } from '@crosslane/contracts';
import { render, screen } from '@testing-library/react';
import { AdminContext, memoryStore, type AuthProvider } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { AppMenu } from './AppMenu';

const authFor = (role: Role): AuthProvider => ({
  login: async () => undefined,
  logout: async () => undefined,
  checkAuth: async () => undefined,
  checkError: async () => undefined,
  getPermissions: async () => role,
});

async function menuTexts(role: Role) {
  render(
    <AdminContext authProvider={authFor(role)} store={memoryStore()}>
      <AppMenu />
    </AdminContext>,
  );
  await screen.findByText('Jobs');
  return screen.getAllByRole('menuitem').map((el) => el.textContent);
}

describe('AppMenu', () => {
  it('gives ADMIN every section, Accounts and Audit log included', async () => {
    expect(await menuTexts('ADMIN')).toEqual([
      'Home',
      'Jobs',
      'Partners',
      'Sharing agreements',
      'Partner exports',
      'Catalogue',
      'Members',
      'Member explorer',
      'Models',
      'Imports',
      'Segments',
      'Profiles',
      'Campaigns',
      'Accounts',
      'Audit log',
    ]);
  });

  it.each<Role>(['MANAGER', 'ANALYST'])('gives %s no Accounts and no Audit log', async (role) => {
    expect(await menuTexts(role)).toEqual(['Home', 'Jobs', 'Partners', 'Sharing agreements', 'Partner exports', 'Catalogue', 'Members', 'Member explorer', 'Models', 'Imports', 'Segments', 'Profiles', 'Campaigns']);
  });
});
