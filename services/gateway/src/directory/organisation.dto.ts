import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { OrganisationView } from '@portail/contracts';

export class OrganisationDto implements OrganisationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'vichy' })
  slug!: string;

  @ApiProperty({ example: 'Vichy' })
  name!: string;

  @ApiProperty({ enum: ['intercommunality', 'commune'] })
  kind!: 'intercommunality' | 'commune';
}

export class OrganisationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  id!: string;
}
