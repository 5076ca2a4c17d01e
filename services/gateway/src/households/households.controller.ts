import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  ChildInput,
  ChildPath,
  ChildView,
  CommonErrorCode,
  CreateHouseholdCommand,
  GetChildQuery,
  GuardianInput,
  GuardianPath,
  GuardianView,
  HouseholdChangeView,
  HouseholdErrorCode,
  HouseholdHistoryParams,
  HouseholdRef,
  HouseholdSubjects,
  HouseholdView,
  RemoveGuardianCommand,
  UpdateHouseholdBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

const { VALIDATION_FAILED } = CommonErrorCode;
const {
  CHILD_NOT_FOUND,
  GUARDIAN_LIMIT_REACHED,
  GUARDIAN_NOT_FOUND,
  HOUSEHOLD_ALREADY_EXISTS,
  HOUSEHOLD_NOT_FOUND,
  PRIMARY_GUARDIAN_NOT_REMOVABLE,
} = HouseholdErrorCode;

/**
 * A family's household ("foyer"), guardians and children. A family reaches only its own:
 * any other household id answers 404, as if it did not exist.
 */
@ApiTags('households')
@Controller()
export class HouseholdsController {
  constructor(private readonly services: ServiceClient) {}

  @Post('households')
  @Allow('family')
  @ApiOperation({
    summary: 'Declare your household (one per account; you are its first guardian)',
  })
  @ApiResponse({ status: 201, type: HouseholdView })
  @ApiProblems(VALIDATION_FAILED, HOUSEHOLD_ALREADY_EXISTS)
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateHouseholdCommand,
  ): Promise<HouseholdView> {
    return this.services.request(HouseholdSubjects.create, body, { caller });
  }

  @Get('me/household')
  @Allow('family')
  @ApiOperation({ summary: 'Your household, with its guardians and children' })
  @ApiResponse({ status: 200, type: HouseholdView })
  @ApiProblems(HOUSEHOLD_NOT_FOUND)
  mine(@CurrentCaller() caller: Caller): Promise<HouseholdView> {
    return this.services.request(HouseholdSubjects.getMine, {}, { caller });
  }

  @Get('households/:householdId')
  @Allow('family', 'agent', 'admin')
  @ApiOperation({
    summary: 'A household with its guardians and children',
    description:
      'A family reads its own; an agent a household that deals with one of its services (written to the audit log); an admin any.',
  })
  @ApiResponse({ status: 200, type: HouseholdView })
  @ApiProblems(VALIDATION_FAILED, HOUSEHOLD_NOT_FOUND)
  get(@CurrentCaller() caller: Caller, @Param() path: HouseholdRef): Promise<HouseholdView> {
    return this.services.request(
      HouseholdSubjects.get,
      { householdId: path.householdId },
      { caller },
    );
  }

  @Patch('households/:householdId')
  @Allow('family')
  @ApiOperation({
    summary: 'Change the CAF number or the family quotient',
    description: 'Absent fields are kept; null clears a field. The change is kept in the history.',
  })
  @ApiResponse({ status: 200, type: HouseholdView })
  @ApiProblems(VALIDATION_FAILED, HOUSEHOLD_NOT_FOUND)
  update(
    @CurrentCaller() caller: Caller,
    @Param() path: HouseholdRef,
    @Body() body: UpdateHouseholdBody,
  ): Promise<HouseholdView> {
    return this.services.request(
      HouseholdSubjects.update,
      { ...body, householdId: path.householdId },
      { caller },
    );
  }

  @Get('households/:householdId/history')
  @Allow('family', 'admin')
  @ApiOperation({ summary: 'Who changed what and when in the household, most recent first' })
  @ApiResponse({ status: 200, type: [HouseholdChangeView] })
  @ApiProblems(VALIDATION_FAILED, HOUSEHOLD_NOT_FOUND)
  history(
    @CurrentCaller() caller: Caller,
    @Param() path: HouseholdRef,
    @Query() query: HouseholdHistoryParams,
  ): Promise<HouseholdChangeView[]> {
    return this.services.request(
      HouseholdSubjects.history,
      { householdId: path.householdId, ...(query.limit ? { limit: query.limit } : {}) },
      { caller },
    );
  }

  @Post('households/:householdId/guardians')
  @Allow('family')
  @ApiOperation({
    summary: 'Add the second guardian',
    description: 'Separated parents each keep their own address and commune of residence.',
  })
  @ApiResponse({ status: 201, type: GuardianView })
  @ApiProblems(VALIDATION_FAILED, HOUSEHOLD_NOT_FOUND, GUARDIAN_LIMIT_REACHED)
  addGuardian(
    @CurrentCaller() caller: Caller,
    @Param() path: HouseholdRef,
    @Body() body: GuardianInput,
  ): Promise<GuardianView> {
    return this.services.request(
      HouseholdSubjects.guardiansAdd,
      { ...body, householdId: path.householdId },
      { caller },
    );
  }

  @Put('households/:householdId/guardians/:guardianId')
  @Allow('family')
  @ApiOperation({ summary: "Replace a guardian's details" })
  @ApiResponse({ status: 200, type: GuardianView })
  @ApiProblems(VALIDATION_FAILED, HOUSEHOLD_NOT_FOUND, GUARDIAN_NOT_FOUND)
  updateGuardian(
    @CurrentCaller() caller: Caller,
    @Param() path: GuardianPath,
    @Body() body: GuardianInput,
  ): Promise<GuardianView> {
    return this.services.request(
      HouseholdSubjects.guardiansUpdate,
      { ...body, householdId: path.householdId, guardianId: path.guardianId },
      { caller },
    );
  }

  @Delete('households/:householdId/guardians/:guardianId')
  @Allow('family')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove the second guardian (the first one stays)' })
  @ApiResponse({ status: 204 })
  @ApiProblems(
    VALIDATION_FAILED,
    HOUSEHOLD_NOT_FOUND,
    GUARDIAN_NOT_FOUND,
    PRIMARY_GUARDIAN_NOT_REMOVABLE,
  )
  async removeGuardian(
    @CurrentCaller() caller: Caller,
    @Param() path: RemoveGuardianCommand,
  ): Promise<void> {
    await this.services.request(
      HouseholdSubjects.guardiansRemove,
      { householdId: path.householdId, guardianId: path.guardianId },
      { caller },
    );
  }

  @Post('households/:householdId/children')
  @Allow('family')
  @ApiOperation({ summary: 'Add a child to the household' })
  @ApiResponse({ status: 201, type: ChildView })
  @ApiProblems(VALIDATION_FAILED, HOUSEHOLD_NOT_FOUND)
  createChild(
    @CurrentCaller() caller: Caller,
    @Param() path: HouseholdRef,
    @Body() body: ChildInput,
  ): Promise<ChildView> {
    return this.services.request(
      HouseholdSubjects.childrenCreate,
      { ...body, householdId: path.householdId },
      { caller },
    );
  }

  @Get('households/:householdId/children/:childId')
  @Allow('family', 'agent', 'admin')
  @ApiOperation({
    summary: 'A child, with health information and authorisations',
    description: "An agent's read is written to the audit log.",
  })
  @ApiResponse({ status: 200, type: ChildView })
  @ApiProblems(VALIDATION_FAILED, HOUSEHOLD_NOT_FOUND, CHILD_NOT_FOUND)
  getChild(@CurrentCaller() caller: Caller, @Param() path: GetChildQuery): Promise<ChildView> {
    return this.services.request(
      HouseholdSubjects.childrenGet,
      { householdId: path.householdId, childId: path.childId },
      { caller },
    );
  }

  @Put('households/:householdId/children/:childId')
  @Allow('family')
  @ApiOperation({
    summary: "Replace a child's details",
    description: 'Absent optional parts (health, authorisations) take their defaults again.',
  })
  @ApiResponse({ status: 200, type: ChildView })
  @ApiProblems(VALIDATION_FAILED, HOUSEHOLD_NOT_FOUND, CHILD_NOT_FOUND)
  updateChild(
    @CurrentCaller() caller: Caller,
    @Param() path: ChildPath,
    @Body() body: ChildInput,
  ): Promise<ChildView> {
    return this.services.request(
      HouseholdSubjects.childrenUpdate,
      { ...body, householdId: path.householdId, childId: path.childId },
      { caller },
    );
  }
}
