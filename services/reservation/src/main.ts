import 'reflect-metadata';
import { runBackendMain } from '@portail/service-kit';
import { reservationEnvSchema } from './config';
import { reservationService } from './reservation.service';

runBackendMain(reservationService, reservationEnvSchema);
