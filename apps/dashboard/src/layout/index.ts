export { AppLayout } from './AppLayout';
export { AppMenu } from './AppMenu';
export { CrosslaneAppBar } from './AppBar';
export { LoginPage } from './LoginPage';
export { darkTheme, lightTheme } from './theme';
