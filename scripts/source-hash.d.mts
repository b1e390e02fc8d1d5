export declare const BUILD_INPUTS: string[];
export declare function sourceHash(root: string): string;
export declare function sourceStats(root: string): string;
