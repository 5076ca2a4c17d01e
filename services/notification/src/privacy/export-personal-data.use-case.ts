import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CommonErrorCode,
  type Caller,
  type PersonalDataPart,
  type PersonalDataPartQuery,
} from '@portail/contracts';
import { DomainException, personalDataPage, type PersonalDataSection } from '@portail/service-kit';

/**
 * Notification's part of the calling family's personal data, by its account: the in-app notices,
 * the e-mails written for it (address, subject, template, status and dates: never the bodies,
 * which may hold single-use links and are erased once sent) and its e-mail preferences.
 */
@Injectable()
export class ExportNotificationData {
  constructor(private readonly dataSource: DataSource) {}

  execute(caller: Caller, query: PersonalDataPartQuery): Promise<PersonalDataPart> {
    if (caller.kind !== 'family') {
      throw new DomainException(CommonErrorCode.FORBIDDEN, 'Réservé aux familles.');
    }
    return personalDataPage('notification', this.sections(caller.accountId), query);
  }

  private sections(accountId: string): PersonalDataSection[] {
    const ofAccount =
      (sql: string) =>
      (offset: number, limit: number): Promise<object[]> =>
        this.dataSource.query(sql, [accountId, offset, limit]);
    return [
      {
        name: 'notices',
        pageSize: 500,
        read: ofAccount(
          `SELECT id, category, title, body, link, read_at AS "readAt", created_at AS "createdAt"
             FROM notifications WHERE account_id = $1
            ORDER BY created_at, id OFFSET $2 LIMIT $3`,
        ),
      },
      {
        name: 'emails',
        pageSize: 500,
        read: ofAccount(
          `SELECT id, recipient, subject, template, status, sent_at AS "sentAt",
                  created_at AS "createdAt"
             FROM outgoing_messages WHERE account_id = $1
            ORDER BY created_at, id OFFSET $2 LIMIT $3`,
        ),
      },
      {
        name: 'preferences',
        pageSize: 100,
        read: ofAccount(
          `SELECT category, email_enabled AS "emailEnabled", updated_at AS "updatedAt"
             FROM notification_preferences WHERE account_id = $1
            ORDER BY category OFFSET $2 LIMIT $3`,
        ),
      },
    ];
  }
}
