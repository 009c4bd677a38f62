// The generation ids the whole product speaks in (routes, cases, orders, catalogue).

export const GENERATION_IDS = ['r50-r53', 'r55-r59', 'r60-r61', 'f55-f57', 'f54-f60'] as const;
export type GenerationId = (typeof GENERATION_IDS)[number];

/** Head units that are paired to the car's VIN and accept no standalone code (FACTS.md: late F60 NBT EVO). */
export const VIN_BOUND_UNIT_IDS = ['f60-nbt-evo'] as const;
export type VinBoundUnitId = (typeof VIN_BOUND_UNIT_IDS)[number];

/** What an order may name: a generation, or a VIN-bound unit (which the server refuses with a reason). */
export type OrderGeneration = GenerationId | VinBoundUnitId;
export const ORDER_GENERATIONS: readonly OrderGeneration[] = [...GENERATION_IDS, ...VIN_BOUND_UNIT_IDS];

export function isGenerationId(value: unknown): value is GenerationId {
  return typeof value === 'string' && (GENERATION_IDS as readonly string[]).includes(value);
}

export function takesNoCode(generation: OrderGeneration): generation is VinBoundUnitId {
  return (VIN_BOUND_UNIT_IDS as readonly string[]).includes(generation);
}
