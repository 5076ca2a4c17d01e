import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogEntry } from './audit-log-entry.entity';
import { AuditLogController } from './audit-log.controller';
import { AuditTrail } from './audit-trail';
import { ListAuditLog } from './list-audit-log.use-case';

/** Global: any module of identity injects AuditTrail without importing this one. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditLogEntry])],
  controllers: [AuditLogController],
  providers: [AuditTrail, ListAuditLog],
  exports: [AuditTrail],
})
export class AuditModule {}
