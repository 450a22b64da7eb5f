import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

// Petrol blue for the knowledge side, workshop orange for the partner side:
// the same two colours the home chart uses for the two domains.
const BRAND = { petrol: '#1d4e5f', petrolLight: '#4f8fa6', orange: '#d9730d' };

const shared: RaThemeOptions = {
  shape: { borderRadius: 8 },
  typography: {
    fontFamily: '"Inter", "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif',
    h6: { fontWeight: 600 },
  },
  // Wide enough for the longest entry ("Sharing agreements") without an ellipsis.
  sidebar: { width: 240, closedWidth: 56 },
};

export const lightTheme: RaThemeOptions = {
  ...defaultLightTheme,
  ...shared,
  palette: {
    mode: 'light',
    primary: { main: BRAND.petrol },
    secondary: { main: BRAND.orange, contrastText: '#fff' },
    background: { default: '#f4f6f8', paper: '#fff' },
  },
  components: {
    ...defaultLightTheme.components,
    MuiAppBar: { defaultProps: { elevation: 0 } },
    MuiPaper: { styleOverrides: { root: { backgroundImage: 'none' } } },
    MuiCard: { defaultProps: { variant: 'outlined' } },
    RaToolbar: { styleOverrides: { root: { backgroundColor: 'transparent' } } },
    RaMenuItemLink: {
      styleOverrides: {
        root: {
          borderLeft: '3px solid transparent',
          '&.RaMenuItemLink-active': { borderLeftColor: BRAND.orange, fontWeight: 600 },
        },
      },
    },
  },
};

export const darkTheme: RaThemeOptions = {
  ...defaultDarkTheme,
  ...shared,
  palette: {
    mode: 'dark',
    primary: { main: BRAND.petrolLight },
    secondary: { main: '#f0a04b' },
    background: { default: '#11181c', paper: '#172126' },
  },
  components: {
    ...defaultDarkTheme.components,
    MuiAppBar: { defaultProps: { elevation: 0, color: 'default' } },
    MuiPaper: { styleOverrides: { root: { backgroundImage: 'none' } } },
    MuiCard: { defaultProps: { variant: 'outlined' } },
    RaMenuItemLink: {
      styleOverrides: {
        root: {
          borderLeft: '3px solid transparent',
          '&.RaMenuItemLink-active': { borderLeftColor: '#f0a04b', fontWeight: 600 },
        },
      },
    },
  },
};
