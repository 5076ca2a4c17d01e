import { Injectable } from '@nestjs/common';
import {
  CommonErrorCode,
  ReservationErrorCode,
  SCHOOL_DAY_UNIT_KINDS,
  type UnitKind,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { ChildProfiles } from '../activities/child-profiles';
import type { ActivityAggregate } from '../activities/activity-catalogue';
import type { ActivitySite } from '../activities/activity.entities';

/** Whether the child's school decides the site: school-day units of an activity held at schools. */
export function siteFollowsSchool(
  activity: ActivityAggregate,
  units: ReadonlyArray<{ kind: UnitKind }>,
): boolean {
  return (
    units.some((unit) => SCHOOL_DAY_UNIT_KINDS.includes(unit.kind)) &&
    activity.sites.some((site) => site.schoolId !== null)
  );
}

/**
 * The site of a booking. Meals and morning or evening care happen at the child's school: where the
 * activity's sites are schools, the site is the one whose `schoolId` is the child's school (read
 * from identity), and another is refused. For the other units (or an activity whose sites are not
 * schools, such as a single central kitchen) the family chooses among the activity's sites.
 */
@Injectable()
export class ChildSchoolSite {
  constructor(private readonly profiles: ChildProfiles) {}

  /** The child's school's site of the activity; a clear French refusal without one. */
  async schoolSiteOf(
    activity: ActivityAggregate,
    child: { id: string; firstName: string },
  ): Promise<ActivitySite> {
    const profile = await this.schoolOf(child.id);
    if (!profile?.schoolId) {
      throw new DomainException(
        ReservationErrorCode.CHILD_SCHOOL_UNKNOWN,
        `Aucune école n'est renseignée pour ${child.firstName} : indiquez son école dans sa fiche pour réserver (${activity.activity.name}).`,
      );
    }
    const site = activity.sites.find((candidate) => candidate.schoolId === profile.schoolId);
    if (!site) {
      throw new DomainException(
        ReservationErrorCode.CHILD_SCHOOL_UNKNOWN,
        `L'école ${of(child.firstName)}${profile.schoolName ? ` (${profile.schoolName})` : ''} n'est pas un lieu d'accueil de cette activité (${activity.activity.name}).`,
        { schoolId: profile.schoolId },
      );
    }
    return site;
  }

  /** The child's school, from identity (undefined for a child identity does not know). */
  async schoolOf(
    childId: string,
  ): Promise<{ schoolId: string | null; schoolName: string | null } | undefined> {
    return (await this.profiles.byId([childId])).get(childId);
  }

  /** The site of a request for these units: the school's, or the one the family chose. */
  async resolve(
    activity: ActivityAggregate,
    units: ReadonlyArray<{ kind: UnitKind }>,
    child: { id: string; firstName: string },
    requestedSiteId: string | undefined,
  ): Promise<ActivitySite> {
    if (siteFollowsSchool(activity, units)) {
      const site = await this.schoolSiteOf(activity, child);
      if (requestedSiteId && requestedSiteId !== site.id) {
        throw new DomainException(
          ReservationErrorCode.SITE_NOT_CHILD_SCHOOL,
          `${activity.activity.name} se réserve à l'école ${of(child.firstName)} : ${site.name}.`,
          { siteId: site.id },
        );
      }
      return site;
    }
    if (!requestedSiteId) {
      throw new DomainException(CommonErrorCode.VALIDATION_FAILED, 'Le site est obligatoire.', {
        fields: [{ field: 'siteId', message: 'Choisissez le site de cette activité.' }],
      });
    }
    const site = activity.sites.find((candidate) => candidate.id === requestedSiteId);
    if (!site) {
      throw new DomainException(
        ReservationErrorCode.SITE_NOT_FOUND,
        "Ce site n'existe pas dans l'activité.",
      );
    }
    return site;
  }
}

/** "de Paul", "d'Iris": French elision before a vowel. */
function of(firstName: string): string {
  return /^[aeiouyàâäéèêëîïôöùûü]/i.test(firstName) ? `d'${firstName}` : `de ${firstName}`;
}
