/** What a page meant for admins shows anyone else (the proxy has already made sure they signed in). */
export function AdminsOnly() {
  return (
    <>
      <h1>Admins only</h1>
      <p role="alert">This page is for admins. Ask an admin if you need something changed.</p>
    </>
  );
}
