import 'reflect-metadata';
import { runBackendMain } from '@portail/service-kit';
import { identityEnvSchema } from './config';
import { identityService } from './identity.service';

runBackendMain(identityService, identityEnvSchema);
