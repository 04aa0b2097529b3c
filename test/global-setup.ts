// Replaced by the foundation's database setup; pure tests need nothing.
export default async function setup() {}
