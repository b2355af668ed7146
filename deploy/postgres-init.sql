-- The two databases of motcua on one PostgreSQL server: the application's and the engine's.
create database motcua_engine encoding 'UTF8' template template0;
