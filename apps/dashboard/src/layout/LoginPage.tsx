import { Alert, Typography } from '@mui/material';
import { useState } from 'react';
import { Login, LoginForm, PasswordInput, required, TextInput } from 'react-admin';
import { SESSION_EXPIRED, SessionStore } from '../authProvider';

/**
 * react-admin's login page with the first field labelled "Email". The inputs
 * keep the names `username` and `password`, which the auth provider reads.
 */
export function LoginPage() {
  const [expired] = useState(() => new SessionStore().wasExpired());
  return (
    <Login sx={{ backgroundImage: 'radial-gradient(circle at 50% 14em, #2f6f86 0%, #1d4e5f 55%, #0d232b 100%)' }}>
      <Typography variant="h6" align="center" sx={{ mt: 1 }}>
        Crosslane
      </Typography>
      <Typography variant="body2" align="center" color="text.secondary">
        Marketing operations
      </Typography>
      {expired ? (
        <Alert severity="info" sx={{ mx: 2, mt: 2, maxWidth: 268 }} data-testid="session-expired">
          {SESSION_EXPIRED}
        </Alert>
      ) : null}
      <LoginForm>
        <TextInput autoFocus source="username" label="Email" type="email" autoComplete="username" validate={required()} />
        <PasswordInput source="password" label="Password" autoComplete="current-password" validate={required()} />
      </LoginForm>
    </Login>
  );
}
