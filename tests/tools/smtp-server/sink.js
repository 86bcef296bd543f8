// A real SMTP server on loopback for the tests (Vigil.Testing's SmtpSink runs it): nodemailer's smtp-server,
// plain SMTP (no STARTTLS), AUTH PLAIN/LOGIN optional. It speaks to its parent on standard output, one JSON
// object a line:
//   {"event":"listening","host":"127.0.0.1","port":N}
//   {"event":"message","mailFrom":"a@b","rcptTo":["c@d"],"user":"name or null","raw":"<base64 of the RFC 5322 text>"}
// Options (environment): SINK_USER and SINK_PASSWORD, when set, are the only credentials AUTH accepts (any are
// accepted otherwise); SINK_REQUIRE_AUTH=1 refuses mail from a client that did not authenticate. It stops when its
// standard input closes, so it never outlives the test process.
'use strict';
const { SMTPServer } = require('smtp-server');

const user = process.env.SINK_USER || null;
const password = process.env.SINK_PASSWORD || null;
const requireAuth = process.env.SINK_REQUIRE_AUTH === '1';
const port = Number(process.argv[2] || 0);

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

const server = new SMTPServer({
  name: 'vigil-test-sink',
  secure: false,
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  authOptional: !requireAuth,
  authMethods: ['PLAIN', 'LOGIN'],
  size: 25 * 1024 * 1024,
  logger: false,
  onAuth(auth, session, callback) {
    if (user !== null && (auth.username !== user || auth.password !== password)) {
      return callback(new Error('Invalid username or password'));
    }
    return callback(null, { user: auth.username });
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      if (stream.sizeExceeded) {
        const err = new Error('Message exceeds fixed maximum message size');
        err.responseCode = 552;
        return callback(err);
      }
      emit({
        event: 'message',
        mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        rcptTo: session.envelope.rcptTo.map((r) => r.address),
        user: session.user || null,
        raw: Buffer.concat(chunks).toString('base64'),
      });
      return callback(null, 'Queued');
    });
  },
});

server.on('error', (err) => process.stderr.write(`smtp sink: ${err.message}\n`));
server.listen(port, '127.0.0.1', () => {
  emit({ event: 'listening', host: '127.0.0.1', port: server.server.address().port });
});

process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
