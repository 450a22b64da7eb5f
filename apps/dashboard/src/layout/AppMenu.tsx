import type { Role } from '@crosslane/contracts';
import HomeIcon from '@mui/icons-material/Home';
import { createElement } from 'react';
import { Menu, usePermissions } from 'react-admin';
import { resourcesFor } from '../resources';

/** Home, then the resources the signed-in role may use. */
export function AppMenu() {
  const { permissions } = usePermissions<Role | undefined>();
  return (
    <Menu>
      <Menu.DashboardItem primaryText="Home" leftIcon={<HomeIcon />} />
      {resourcesFor(permissions).map(([name, resource]) => (
        <Menu.Item
          key={name}
          to={`/${name}`}
          primaryText={resource.options.label}
          leftIcon={resource.icon ? createElement(resource.icon) : undefined}
          data-testid={`menu-${name}`}
        />
      ))}
    </Menu>
  );
}
