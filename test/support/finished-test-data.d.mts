export declare const FINISHED_TEST_DIRTY: Record<string, number>;
export declare const FINISHED_TEST_IDENTICAL_REPEATS: number;
export declare function generateFinishedTestCsv(options?: { units?: number; seed?: number }): string;
export declare const FINISHED_TEST_MAPPING: {
  unitColumn: string;
  armColumn: string;
  arms: { value: string; key: string; name: string; isControl: boolean }[];
  exposureColumn: string;
  exposureValues: Record<string, string>;
  exposedAtColumn: string;
  metrics: {
    name: string;
    column: string;
    kind: 'binary' | 'mean';
    direction: 'increase';
    role: 'primary' | 'secondary' | 'guardrail';
    hypothesis?: 'one-sided';
  }[];
};
