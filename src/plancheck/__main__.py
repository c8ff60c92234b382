from plancheck.entry import main

main()
