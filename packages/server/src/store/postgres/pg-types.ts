// How the PostgreSQL driver reads column values, so rows map through the shared row-mapper exactly
// like SQLite rows: json columns stay JSON text (parsed once by the mapper), timestamptz becomes
// the millisecond ISO string with Z that SQLite stores, and bigint (lease_expires_at, counts)
// becomes a JS number. Everything else keeps pg's default parser (bytea → Buffer).
import pg from 'pg';

const OID = { int8: 20, json: 114, timestamptz: 1184 } as const;

const parseTimestamptz = pg.types.getTypeParser(OID.timestamptz, 'text') as (v: string) => Date;

function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (format === undefined || format === 'text') {
    if (oid === OID.json) return (v) => v;
    if (oid === OID.timestamptz) return (v) => parseTimestamptz(v).toISOString();
    if (oid === OID.int8) return (v) => Number(v);
  }
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}

/** Pass as `types` to every Pool/Client of the store. */
export const PG_TYPES = { getTypeParser } as pg.CustomTypesConfig;
