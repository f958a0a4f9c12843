import type { PriceCatalog } from '../../catalog/catalog';
import type { InstanceOffer } from '../../catalog/types';
import type { PricingModel } from '../../model';

/** N1 standard sizes GCP sells; `n1-standard-N` has N vCPUs and 3.75 GB of memory per vCPU (GCP's machine family table). */
const N1_STANDARD_VCPUS = [1, 2, 4, 8, 16, 32, 64, 96];
const N1_STANDARD_GB_PER_VCPU = 3.75;

/** The N1 VM a GKE node with attached GPUs (T4, V100, P100, P4) runs, priced from the catalog, with how it was chosen. */
export interface N1Machine {
  offer: InstanceOffer;
  usdPerHour: number;
  note: string;
}

/**
 * The smallest `n1-standard` machine type that holds one pod's vCPU and memory requests
 * (`n1-standard-1` when it asks for neither), in the region of the GPU price.
 */
export function n1MachineFor(catalog: PriceCatalog, cpus: number, memoryGib: number, region: string, pricing: PricingModel): N1Machine | undefined {
  for (const vcpus of N1_STANDARD_VCPUS) {
    if (vcpus < cpus || vcpus * N1_STANDARD_GB_PER_VCPU < memoryGib) continue;
    const type = `n1-standard-${vcpus}`;
    const offer = catalog.offersFor(type).find((o) => o.region === region && o.kind === 'instance');
    const price = pricing === 'spot' ? (offer?.spotUsdPerHour ?? offer?.onDemandUsdPerHour) : offer?.onDemandUsdPerHour;
    if (!offer || price === null || price === undefined) return undefined;
    const asked = cpus > 0 || memoryGib > 0 ? `the pod's ${cpus} vCPU / ${memoryGib} GiB` : 'a pod that requests no CPU or memory';
    return {
      offer,
      usdPerHour: price,
      note: `node VM ${type} ($${price}/h ${pricing}): the smallest n1-standard machine type (N vCPUs, ${N1_STANDARD_GB_PER_VCPU} GB per vCPU) that holds ${asked}; GKE attaches these GPUs to N1 VMs`,
    };
  }
  return undefined;
}
