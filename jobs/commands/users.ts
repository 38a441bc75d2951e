import { CLI_ACTOR } from '../../lib/auth/audit';
import { generatePassword } from '../../lib/auth/password';
import { createUser, listUsers, removeUser, setUserRole, findUserByEmail, UserInputError } from '../../lib/auth/users';
import { UsageError, expectPositionals, openMigratedDb, parse } from '../cli-args';

/**
 * `users add --email E --role R`: the password comes from stdin when stdin is not a terminal (a
 * script pipes it in: `echo "$PW" | npm run --silent cli -- users add ...`); at a terminal a
 * password is generated and printed once. `users list`, `users role --email E --role R`,
 * `users remove --email E`.
 */
export async function usersCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add': {
      const { values, positionals } = parse(rest, { email: { type: 'string' }, role: { type: 'string' } });
      expectPositionals(positionals, 0, '');
      if (!values.email) throw new UsageError('missing --email');
      if (!values.role) throw new UsageError('missing --role (viewer, analyst or admin)');
      const fromStdin = !process.stdin.isTTY;
      const password = fromStdin ? await readPasswordFromStdin() : generatePassword();
      const user = await createUser(openMigratedDb(), CLI_ACTOR, { email: values.email, role: values.role, password });
      console.log(`added ${user.role} ${user.email}`);
      if (!fromStdin) console.log(`one-time password (shown only now; change it by removing and re-adding the user): ${password}`);
      return 0;
    }
    case 'list': {
      const { values, positionals } = parse(rest, { json: { type: 'boolean' } });
      expectPositionals(positionals, 0, '');
      const rows = listUsers(openMigratedDb()).map((u) => ({ email: u.email, role: u.role, createdAt: u.createdAt.toISOString() }));
      if (values.json) console.log(JSON.stringify(rows, null, 2));
      else if (rows.length === 0) console.log('no users yet: add one with `users add --email E --role admin`');
      else for (const u of rows) console.log(`${u.role.padEnd(8)} ${u.email}  (since ${u.createdAt.slice(0, 10)})`);
      return 0;
    }
    case 'role':
    case 'remove': {
      const { values, positionals } = parse(rest, { email: { type: 'string' }, ...(sub === 'role' ? { role: { type: 'string' as const } } : {}) });
      expectPositionals(positionals, 0, '');
      if (!values.email) throw new UsageError('missing --email');
      const db = openMigratedDb();
      const user = findUserByEmail(db, values.email);
      if (!user) throw new UserInputError(`no user with e-mail ${values.email}`);
      if (sub === 'remove') {
        removeUser(db, CLI_ACTOR, user.id);
        console.log(`removed ${user.email}`);
      } else {
        const role = (values as { role?: string }).role;
        if (!role) throw new UsageError('missing --role (viewer, analyst or admin)');
        console.log(`${user.email} is now ${setUserRole(db, CLI_ACTOR, user.id, role).role}`);
      }
      return 0;
    }
    default:
      throw new UsageError(sub ? `unknown users command: ${sub}` : 'missing users command (add, list, role or remove)');
  }
}

/** The whole of stdin, less one trailing newline (what `echo` adds); never echoed or logged. */
async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (!password) throw new UserInputError('stdin is not a terminal, so the password is read from it, and it was empty; pipe the password in, or run at a terminal to get a generated one');
  return password;
}
