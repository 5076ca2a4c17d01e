import 'reflect-metadata';
import { runBackendMain } from '@portail/service-kit';
import { enrolmentEnvSchema } from './config';
import { enrolmentService } from './enrolment.service';

runBackendMain(enrolmentService, enrolmentEnvSchema);
