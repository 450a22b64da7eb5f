import type { Role } from '@crosslane/contracts';
import { Admin, Resource } from 'react-admin';
import { createAuthProvider, SessionStore } from './authProvider';
import { Home } from './dashboard';
import { createDataProvider, createHttpClient } from './dataProvider';
import { AppLayout, darkTheme, LoginPage, lightTheme } from './layout';
import { resourcesFor } from './resources';

const API_URL = import.meta.env.VITE_API_URL ?? '/api';

// One session store shared by both providers: the token the auth provider
// saves is the token the data provider sends.
const sessions = new SessionStore();
const authProvider = createAuthProvider({ apiUrl: API_URL, sessions });
const dataProvider = createDataProvider({ apiUrl: API_URL, httpClient: createHttpClient(sessions) });

export function App() {
  return (
    <Admin
      title="Crosslane"
      authProvider={authProvider}
      dataProvider={dataProvider}
      dashboard={Home}
      layout={AppLayout}
      loginPage={LoginPage}
      theme={lightTheme}
      darkTheme={darkTheme}
      requireAuth
      disableTelemetry
    >
      {/* Resources a role cannot use are not registered: no route, no menu entry. */}
      {(role: Role | undefined) =>
        resourcesFor(role).map(([name, { roles: _roles, ...resource }]) => <Resource key={name} name={name} {...resource} />)
      }
    </Admin>
  );
}
