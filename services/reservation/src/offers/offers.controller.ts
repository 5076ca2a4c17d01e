import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BookingRef, ReservationSubjects, type Caller, type OfferView } from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { RespondToOffer } from './respond-to-offer.use-case';

@Controller()
export class OffersController {
  constructor(private readonly respond: RespondToOffer) {}

  @HandlesRequest(ReservationSubjects.offersGet)
  get(@CurrentCaller() caller: Caller, @Payload() ref: BookingRef): Promise<OfferView> {
    return this.respond.get(caller, ref.bookingId);
  }

  @HandlesRequest(ReservationSubjects.offersConfirm)
  confirm(@CurrentCaller() caller: Caller, @Payload() ref: BookingRef): Promise<OfferView> {
    return this.respond.confirm(caller, ref.bookingId);
  }

  @HandlesRequest(ReservationSubjects.offersDecline)
  decline(@CurrentCaller() caller: Caller, @Payload() ref: BookingRef): Promise<OfferView> {
    return this.respond.decline(caller, ref.bookingId);
  }
}
