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

/** The menu top to bottom: an item's text, a section heading as "# text", a divider as "---". */
async function menuOutline(role: Role, sidebarOpen = true) {
  render(
    <AdminContext authProvider={authFor(role)} store={memoryStore({ 'sidebar.open': sidebarOpen })}>
      <AppMenu />
    </AdminContext>,
  );
  await screen.findByText('Jobs');
  return Array.from(screen.getByRole('menu').children, (el) => {
    if (el.getAttribute('role') === 'menuitem') return el.textContent;
    if (el.getAttribute('role') === 'separator') return '---';
    return `# ${el.textContent}`;
  });
}

const SHARED_UP_TO_ADMINISTRATION = [
  'Home',
  '# Data',
  'Imports',
  'Catalogue',
  'Members',
  '# Audience',
  'Profiles',
  'Segments',
  'Interest taxonomy',
  '# Journeys',
  'Funnels',
  'Retention',
  '# Recommendations',
  'Models',
  'Member explorer',
  '# Campaigns',
  'Campaigns',
  'Decisions',
  'Next campaign',
  '# Partners & sharing',
  'Partners',
  'Voice of the customer',
  'Sharing agreements',
  'Partner exports',
  '# Administration',
  'Jobs',
];

describe('AppMenu', () => {
  it('gives ADMIN every section in the order of the product flow, Accounts and Audit log included', async () => {
    expect(await menuOutline('ADMIN')).toEqual([
      ...SHARED_UP_TO_ADMINISTRATION,
      'Accounts',
      'Audit log',
      'Erasure requests',
      'Access requests',
      'Compliance report',
    ]);
  });

  it.each<Role>(['MANAGER', 'ANALYST'])('gives %s the same sections with only Jobs under Administration', async (role) => {
    expect(await menuOutline(role)).toEqual(SHARED_UP_TO_ADMINISTRATION);
  });

  it('keeps each entry on its route, with its test id', async () => {
    await menuOutline('ADMIN');
    expect(screen.getByTestId('menu-recommender/models').getAttribute('href')).toBe('#/recommender/models');
    expect(screen.getByTestId('menu-audit-events').getAttribute('href')).toBe('#/audit-events');
  });

  it('shows a divider instead of each heading when the sidebar is collapsed to icons', async () => {
    expect(await menuOutline('ADMIN', false)).toEqual(
      SHARED_UP_TO_ADMINISTRATION.map((line) => (line?.startsWith('# ') ? '---' : line)).concat(
        'Accounts',
        'Audit log',
        'Erasure requests',
        'Access requests',
        'Compliance report',
      ),
    );
  });
});
