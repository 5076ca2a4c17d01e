import 'reflect-metadata';
import { runBackendMain } from '@portail/service-kit';
import { billingEnvSchema } from './config';
import { billingService } from './billing.service';

runBackendMain(billingService, billingEnvSchema);
