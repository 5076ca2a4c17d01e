import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_KINDS, type OrganisationKind } from './identity/directory';

/** A public body that runs municipal services: Vichy Communauté and its communes. */
export class OrganisationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'vichy', description: 'Stable short name, used in URLs.' })
  slug!: string;

  @ApiProperty({ example: 'Vichy' })
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind!: OrganisationKind;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '03310',
    description:
      "A commune's INSEE code: communes typed by name or code (households, forms) are linked by it.",
  })
  inseeCode!: string | null;
}
