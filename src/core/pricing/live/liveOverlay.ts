/** Makes catalog lookups prefer a fresh live price over the bundled one. */
import type { OfferOverlay } from '../../catalog/catalog';
import type { InstanceOffer } from '../../catalog/types';
import type { LivePriceCache } from './livePriceCache';
import type { LivePriceQuery, LiveService } from './types';

/** The live query that would price a catalog row, if any source covers it. */
export function liveQueryFor(offer: InstanceOffer): LivePriceQuery | undefined {
  if (offer.kind !== 'instance' || offer.instanceType === '') return undefined;
  const service: LiveService | undefined =
    offer.cloud === 'aws' ? (offer.service === 'sagemaker' ? 'sagemaker' : offer.service === 'ec2' ? 'ec2' : undefined) : offer.cloud === 'azure' ? 'virtual-machines' : undefined;
  if (!service) return undefined;
  const component = service === 'sagemaker' && offer.component && offer.component !== 'unspecified' ? { component: offer.component } : {};
  return { cloud: offer.cloud as LivePriceQuery['cloud'], service, instanceType: offer.instanceType, region: offer.region, ...component };
}

export class LivePriceOverlay implements OfferOverlay {
  constructor(
    private readonly cache: LivePriceCache,
    private readonly now: () => Date = () => new Date(),
  ) {}

  revision(): string {
    return this.cache.revision(this.now());
  }

  /** The row with live prices where the cache has them; a price the API lacks (AWS spot) stays bundled. */
  apply(offer: InstanceOffer): InstanceOffer {
    const q = liveQueryFor(offer);
    const live = q && this.cache.get(q, this.now());
    if (!live) return offer;
    const keptSpot = live.spotUsdPerHour === null && offer.spotUsdPerHour !== null;
    return {
      ...offer,
      onDemandUsdPerHour: live.onDemandUsdPerHour ?? offer.onDemandUsdPerHour,
      spotUsdPerHour: live.spotUsdPerHour ?? offer.spotUsdPerHour,
      live: { label: live.source, fetchedAt: live.fetchedAt },
      ...(keptSpot ? { dataNotes: [...(offer.dataNotes ?? []), `spot price from the bundled catalog (${live.source} lists none)`] } : {}),
    };
  }
}
