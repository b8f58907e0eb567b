import { registryService } from './registry-service.ts';
import { nodeDaemon, type ServiceDefinition } from './service-definition.ts';

/**
 * Everything `skylift local up` keeps running, started in parallel. Adding an emulator is one
 * entry: `nodeDaemon('<name>')` for `src/daemons/<name>.ts` (import it from './service-definition.ts').
 */
export const services: readonly ServiceDefinition[] = [registryService, nodeDaemon('ngrok-edge'), nodeDaemon('azure')];
