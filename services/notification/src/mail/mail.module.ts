import { Module } from '@nestjs/common';
import { MailSender } from './mail-sender';
import { MailTransport } from './mail-transport';

@Module({ providers: [MailTransport, MailSender], exports: [MailSender] })
export class MailModule {}
