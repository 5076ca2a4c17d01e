import 'reflect-metadata';
import { runBackendMain } from '@portail/service-kit';
import { contentEnvSchema } from './config';
import { contentService } from './content.service';

runBackendMain(contentService, contentEnvSchema);
