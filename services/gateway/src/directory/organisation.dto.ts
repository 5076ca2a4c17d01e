import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class OrganisationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  id!: string;
}
