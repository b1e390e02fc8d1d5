export async function runGateway(_: unknown): Promise<void> { throw new Error("gateway mode is not built yet"); }
