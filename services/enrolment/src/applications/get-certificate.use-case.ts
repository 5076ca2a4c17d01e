import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DirectorySubjects,
  EnrolmentErrorCode,
  Subjects,
  type Caller,
  type CertificateView,
} from '@portail/contracts';
import { DomainException, ServiceRequester } from '@portail/service-kit';
import { renderRegistrationCertificate } from '../certificates/registration-certificate';
import { ApplicationStore } from './application-store';

/**
 * The school registration certificate of an accepted pre-registration: the family presents
 * it at the school with the health record and the family record book.
 */
@Injectable()
export class GetCertificate {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ApplicationStore,
    private readonly services: ServiceRequester,
  ) {}

  async execute(caller: Caller, applicationId: string): Promise<CertificateView> {
    const { application, procedure } = await this.store.load(
      this.dataSource.manager,
      caller,
      applicationId,
    );
    const school = application.schoolAssignment;
    if (application.status !== 'accepted' || !school) {
      throw new DomainException(
        EnrolmentErrorCode.CERTIFICATE_NOT_AVAILABLE,
        "Le certificat d'inscription est disponible une fois l'école d'affectation attribuée.",
      );
    }
    const [organisation, service] = await Promise.all([
      this.services.request(Subjects.identity.organisationsGet, {
        id: procedure.organisationId,
      }),
      this.services.request(DirectorySubjects.municipalServicesGet, {
        id: procedure.municipalServiceId,
      }),
    ]);
    const contact = service.contact;
    const pdf = await renderRegistrationCertificate({
      organisationName: organisation.name,
      organisationKind: organisation.kind,
      municipalServiceName: service.name,
      reference: application.reference,
      child: application.child,
      school: { name: school.schoolName, address: school.schoolAddress },
      season: procedure.season,
      issuedAt: application.decidedAt ?? application.updatedAt,
      contactLines: [
        [contact.addressLine1, [contact.postalCode, contact.city].filter(Boolean).join(' ')]
          .filter(Boolean)
          .join(', '),
        contact.phone ? `Tél. ${contact.phone}` : '',
        contact.email ?? '',
      ].filter(Boolean),
    });
    return {
      fileName: `certificat-inscription-${application.reference}.pdf`,
      contentType: 'application/pdf',
      contentBase64: pdf.toString('base64'),
    };
  }
}
