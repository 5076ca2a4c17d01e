import { Injectable } from '@nestjs/common';
import { Subjects, type DirectoryCommune } from '@portail/contracts';
import { ServiceRequester } from '@portail/service-kit';

/** How long a replica trusts its copy of the directory's communes. */
const COMMUNES_TTL_MS = 60_000;

/**
 * The communes of identity's directory (id, name, INSEE code), against which enrolment links
 * the communes of forms and answers. Asked of identity at most once a minute per replica: the
 * directory changes rarely, and a commune added meanwhile is linked a minute later.
 */
@Injectable()
export class CommuneDirectory {
  private cached: { communes: DirectoryCommune[]; until: number } | undefined;
  /** The question in flight: concurrent callers share one request to identity. */
  private asking: Promise<DirectoryCommune[]> | undefined;

  constructor(private readonly services: ServiceRequester) {}

  async communes(): Promise<DirectoryCommune[]> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.communes;
    this.asking ??= this.ask().finally(() => {
      this.asking = undefined;
    });
    return this.asking;
  }

  private async ask(): Promise<DirectoryCommune[]> {
    const organisations = await this.services.request(Subjects.identity.organisationsList, {
      includeInactive: true,
    });
    const communes = organisations
      .filter((organisation) => organisation.kind === 'commune')
      .map(({ id, name, inseeCode }) => ({ id, name, inseeCode: inseeCode ?? null }));
    this.cached = { communes, until: Date.now() + COMMUNES_TTL_MS };
    return communes;
  }

  /** Communes read from identity by other means (the demo seed reads identity's database). */
  remember(communes: DirectoryCommune[]): void {
    this.cached = { communes, until: Number.POSITIVE_INFINITY };
  }
}
