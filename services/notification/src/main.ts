import 'reflect-metadata';
import { runBackendMain } from '@portail/service-kit';
import { notificationEnvSchema } from './config';
import { notificationService } from './notification.service';

runBackendMain(notificationService, notificationEnvSchema);
