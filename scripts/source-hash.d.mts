export declare const BUILD_INPUTS: string[];
export declare function sourceHash(root: string): string;
